// JNI bridge from org.modulardiffusion.distributed.Collective to the standalone Gloo library
// (Debian libgloo-dev, libgloo.so.0): a full-mesh TCP context whose rendezvous runs through a
// Java key-value store, and in-place allreduce (float32 sum), broadcast and barrier on the
// memory of direct ByteBuffers.
//
// Error handling: every entry point catches all C++ exceptions and turns them into a Java
// CollectiveException; a Java exception thrown by the store during rendezvous is carried through
// Gloo as a C++ exception and rethrown unchanged. Nothing escapes into the JVM as a C++ throw.
//
// Built by build.sh beside this file (README.md); the entry points' signatures are checked
// against the header javac writes from Collective's native methods.

#include <jni.h>

#include "org_modulardiffusion_distributed_Collective.h"

#include <chrono>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include <gloo/allreduce.h>
#include <gloo/barrier.h>
#include <gloo/broadcast.h>
#include <gloo/common/error.h>
#include <gloo/common/logging.h>
#include <gloo/math.h>
#include <gloo/rendezvous/context.h>
#include <gloo/rendezvous/store.h>
#include <gloo/transport/tcp/device.h>

namespace {

JavaVM* vm = nullptr;
jclass collectiveException = nullptr;  // global ref
jmethodID storeSet = nullptr;          // void set(String, byte[])
jmethodID storeGet = nullptr;          // byte[] get(String, long timeoutMillis)
jmethodID storeAwait = nullptr;        // void await(String[], long timeoutMillis)
jclass stringClass = nullptr;          // global ref

// A Java exception raised inside a store callback, carried up through Gloo's C++ frames.
struct JavaThrown : std::runtime_error {
  jthrowable throwable;  // global ref, rethrown and released at the JNI boundary
  explicit JavaThrown(jthrowable t) : std::runtime_error("java exception"), throwable(t) {}
};

// The JNIEnv of the current thread. Gloo calls the store on the thread that called connect (a
// Java thread), but attach defensively in case a future Gloo calls from one of its own threads.
class ThreadEnv {
 public:
  ThreadEnv() {
    if (vm->GetEnv(reinterpret_cast<void**>(&env_), JNI_VERSION_1_8) == JNI_EDETACHED) {
      if (vm->AttachCurrentThreadAsDaemon(reinterpret_cast<void**>(&env_), nullptr) != JNI_OK) {
        throw std::runtime_error("cannot attach thread to the JVM");
      }
      attached_ = true;
    }
  }
  ~ThreadEnv() {
    if (attached_) vm->DetachCurrentThread();
  }
  JNIEnv* operator->() const { return env_; }
  JNIEnv* get() const { return env_; }

  // If the last call threw in Java, take the exception out of the JNI env and throw it in C++.
  void check() const {
    if (env_->ExceptionCheck()) {
      jthrowable local = env_->ExceptionOccurred();
      env_->ExceptionClear();
      jthrowable global = static_cast<jthrowable>(env_->NewGlobalRef(local));
      env_->DeleteLocalRef(local);
      throw JavaThrown(global);
    }
  }

 private:
  JNIEnv* env_ = nullptr;
  bool attached_ = false;
};

// Gloo's rendezvous store, backed by a Java KeyValueStore (for example a TCP store on rank 0).
class JavaStore : public gloo::rendezvous::Store {
 public:
  JavaStore(JNIEnv* env, jobject store) : store_(env->NewGlobalRef(store)) {}
  ~JavaStore() override { ThreadEnv()->DeleteGlobalRef(store_); }

  void set(const std::string& key, const std::vector<char>& data) override {
    ThreadEnv env;
    jstring jkey = env->NewStringUTF(key.c_str());
    env.check();
    jbyteArray value = env->NewByteArray(static_cast<jsize>(data.size()));
    env.check();
    env->SetByteArrayRegion(value, 0, static_cast<jsize>(data.size()),
                            reinterpret_cast<const jbyte*>(data.data()));
    env->CallVoidMethod(store_, storeSet, jkey, value);
    env->DeleteLocalRef(jkey);
    env->DeleteLocalRef(value);
    env.check();
  }

  std::vector<char> get(const std::string& key) override {
    ThreadEnv env;
    jstring jkey = env->NewStringUTF(key.c_str());
    env.check();
    auto value = static_cast<jbyteArray>(
        env->CallObjectMethod(store_, storeGet, jkey, static_cast<jlong>(kDefaultTimeout.count())));
    env->DeleteLocalRef(jkey);
    env.check();
    if (value == nullptr) throw std::runtime_error("store returned null for key " + key);
    std::vector<char> data(env->GetArrayLength(value));
    env->GetByteArrayRegion(value, 0, static_cast<jsize>(data.size()),
                            reinterpret_cast<jbyte*>(data.data()));
    env->DeleteLocalRef(value);
    return data;
  }

  void wait(const std::vector<std::string>& keys) override { wait(keys, kDefaultTimeout); }

  void wait(const std::vector<std::string>& keys,
            const std::chrono::milliseconds& timeout) override {
    ThreadEnv env;
    jobjectArray jkeys = env->NewObjectArray(static_cast<jsize>(keys.size()), stringClass, nullptr);
    env.check();
    for (size_t i = 0; i < keys.size(); i++) {
      jstring jkey = env->NewStringUTF(keys[i].c_str());
      env.check();
      env->SetObjectArrayElement(jkeys, static_cast<jsize>(i), jkey);
      env->DeleteLocalRef(jkey);
    }
    env->CallVoidMethod(store_, storeAwait, jkeys, static_cast<jlong>(timeout.count()));
    env->DeleteLocalRef(jkeys);
    env.check();
  }

 private:
  jobject store_;  // global ref to the Java KeyValueStore
};

// One process group: the TCP device (its event loop thread) and the connected context.
struct Group {
  std::shared_ptr<gloo::transport::Device> device;
  std::shared_ptr<gloo::rendezvous::Context> context;
};

Group* group(jlong handle) { return reinterpret_cast<Group*>(handle); }

void throwCollective(JNIEnv* env, const std::string& message) {
  env->ThrowNew(collectiveException, message.c_str());
}

// Runs body, turning any C++ exception into a pending Java exception that names the operation.
template <typename Body>
void guarded(JNIEnv* env, const char* operation, Body body) {
  try {
    body();
  } catch (JavaThrown& e) {
    env->Throw(e.throwable);
    env->DeleteGlobalRef(e.throwable);
  } catch (const gloo::IoException& e) {
    throwCollective(env, std::string(operation) + " failed (I/O, peer lost or timed out): " + e.what());
  } catch (const gloo::EnforceNotMet& e) {
    throwCollective(env, std::string(operation) + " failed (Gloo check): " + e.what());
  } catch (const std::exception& e) {
    throwCollective(env, std::string(operation) + " failed: " + e.what());
  } catch (...) {
    throwCollective(env, std::string(operation) + " failed: unknown C++ exception");
  }
}

// The address of `bytes` bytes at `offset` in a direct buffer, or null with a pending exception.
void* address(JNIEnv* env, jobject buffer, jlong offset, jlong bytes) {
  auto* base = static_cast<char*>(env->GetDirectBufferAddress(buffer));
  jlong capacity = env->GetDirectBufferCapacity(buffer);
  if (base == nullptr || capacity < 0) {
    throwCollective(env, "buffer is not a direct buffer");
    return nullptr;
  }
  if (offset < 0 || bytes < 0 || offset + bytes > capacity) {
    throwCollective(env, "range outside the buffer");
    return nullptr;
  }
  return base + offset;
}

}  // namespace

extern "C" {

JNIEXPORT jint JNICALL JNI_OnLoad(JavaVM* jvm, void*) {
  vm = jvm;
  JNIEnv* env;
  if (jvm->GetEnv(reinterpret_cast<void**>(&env), JNI_VERSION_1_8) != JNI_OK) return JNI_ERR;
  jclass exception = env->FindClass("org/modulardiffusion/distributed/CollectiveException");
  jclass store = env->FindClass("org/modulardiffusion/distributed/KeyValueStore");
  jclass string = env->FindClass("java/lang/String");
  if (exception == nullptr || store == nullptr || string == nullptr) return JNI_ERR;
  collectiveException = static_cast<jclass>(env->NewGlobalRef(exception));
  stringClass = static_cast<jclass>(env->NewGlobalRef(string));
  storeSet = env->GetMethodID(store, "set", "(Ljava/lang/String;[B)V");
  storeGet = env->GetMethodID(store, "get", "(Ljava/lang/String;J)[B");
  storeAwait = env->GetMethodID(store, "await", "([Ljava/lang/String;J)V");
  if (storeSet == nullptr || storeGet == nullptr || storeAwait == nullptr) return JNI_ERR;
  return JNI_VERSION_1_8;
}

// Connects rank `rank` of `size` into a full mesh; returns a handle for the other calls, or 0
// with a pending exception.
JNIEXPORT jlong JNICALL Java_org_modulardiffusion_distributed_Collective_connect(
    JNIEnv* env, jclass, jint rank, jint size, jstring hostname, jobject store,
    jlong timeoutMillis) {
  jlong handle = 0;
  guarded(env, "rendezvous", [&] {
    gloo::transport::tcp::attr attr;
    const char* host = env->GetStringUTFChars(hostname, nullptr);
    if (host == nullptr) return;  // OutOfMemoryError pending
    attr.hostname = host;
    env->ReleaseStringUTFChars(hostname, host);
    auto result = std::make_unique<Group>();
    result->device = gloo::transport::tcp::CreateDevice(attr);
    result->context = std::make_shared<gloo::rendezvous::Context>(rank, size);
    result->context->setTimeout(std::chrono::milliseconds(timeoutMillis));
    JavaStore javaStore(env, store);
    result->context->connectFullMesh(javaStore, result->device);
    handle = reinterpret_cast<jlong>(result.release());
  });
  return handle;
}

// Sums `count` floats at `offset` bytes into a direct buffer across all ranks, in place.
JNIEXPORT void JNICALL Java_org_modulardiffusion_distributed_Collective_allReduceSum(
    JNIEnv* env, jclass, jlong handle, jobject buffer, jlong offset, jlong count) {
  auto* data = static_cast<float*>(address(env, buffer, offset, count * jlong(sizeof(float))));
  if (data == nullptr || count == 0) return;
  guarded(env, "allreduce", [&] {
    gloo::AllreduceOptions options(group(handle)->context);
    options.setOutput(data, static_cast<size_t>(count));
    void (*sum)(void*, const void*, const void*, size_t) = &gloo::sum<float>;
    options.setReduceFunction(sum);
    gloo::allreduce(options);
  });
}

// Copies `bytes` bytes at `offset` of rank `root`'s buffer into every other rank's, in place.
JNIEXPORT void JNICALL Java_org_modulardiffusion_distributed_Collective_broadcast(
    JNIEnv* env, jclass, jlong handle, jobject buffer, jlong offset, jlong bytes, jint root) {
  auto* data = static_cast<char*>(address(env, buffer, offset, bytes));
  if (data == nullptr || bytes == 0) return;
  guarded(env, "broadcast", [&] {
    gloo::BroadcastOptions options(group(handle)->context);
    options.setOutput(data, static_cast<size_t>(bytes));
    options.setRoot(root);
    gloo::broadcast(options);
  });
}

JNIEXPORT void JNICALL Java_org_modulardiffusion_distributed_Collective_barrier(
    JNIEnv* env, jclass, jlong handle) {
  guarded(env, "barrier", [&] {
    gloo::BarrierOptions options(group(handle)->context);
    gloo::barrier(options);
  });
}

// Releases the context (closing its connections) and then the device (stopping its loop thread).
JNIEXPORT void JNICALL Java_org_modulardiffusion_distributed_Collective_close(
    JNIEnv* env, jclass, jlong handle) {
  guarded(env, "close", [&] {
    std::unique_ptr<Group> g(group(handle));
    g->context.reset();
    g->device.reset();
  });
}

}  // extern "C"
