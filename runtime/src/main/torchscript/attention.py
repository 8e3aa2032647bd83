"""Writes attention.pt, the TorchScript module through which the runtime reaches PyTorch's
scaled_dot_product_attention, an operation that DJL does not expose (nn/ScaledDotProductAttention).

A TorchScript archive holds its module's code as text, compiled by the libtorch that loads it, so
the archive is written here without PyTorch: the code, the pickled module object (its class and
its two attributes), an empty tuple of constants and the format's version. Run it with any
Python 3 from the project root when the module's code changes:

    python3 runtime/src/main/torchscript/attention.py
"""
import io
import pickle
import sys
import types
import zipfile

CODE = b'''class Attention(Module):
  __parameters__ = []
  __buffers__ = []
  training : bool
  _is_full_backward_hook : Optional[bool]
  def forward(self: __torch__.Attention,
    q: Tensor,
    k: Tensor,
    v: Tensor) -> Tensor:
    return torch.scaled_dot_product_attention(q, k, v)
'''
OUT = "runtime/src/main/resources/org/modulardiffusion/nn/attention.pt"


class Attention:
    """Stands for TorchScript's __torch__.Attention in the pickle of the module object."""


def module_object():
    namespace = types.ModuleType("__torch__")
    Attention.__module__ = "__torch__"
    namespace.Attention = Attention
    sys.modules["__torch__"] = namespace
    module = Attention.__new__(Attention)
    module.__dict__.update(training=True, _is_full_backward_hook=None)
    return pickle.dumps(module, protocol=2)


def main():
    entries = {
        "attention/data.pkl": module_object(),
        "attention/code/__torch__.py": CODE,
        "attention/constants.pkl": pickle.dumps((), protocol=2),
        "attention/version": b"3\n",
    }
    with zipfile.ZipFile(OUT, "w", zipfile.ZIP_STORED) as archive:
        for name, data in entries.items():
            archive.writestr(zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0)), data)
    print("wrote", OUT)


if __name__ == "__main__":
    main()
