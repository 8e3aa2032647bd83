@echo off
rem The diffusion command line on Windows: builds the project first when it has not been built,
rem then runs org.modulardiffusion.cli.Diffusion on DJL's CPU natives for Windows, offline: DJL
rem downloads nothing. (The GPU options of README's "Running on a GPU" are the bash launcher's.)
setlocal
set "here=%~dp0"
set "classpath_file=%here%modules-std\target\classpath.txt"
call :find_jar
if not defined jar goto build
if not exist "%classpath_file%" goto build
goto run

:build
echo building Modular Diffusion (once; takes a minute) ... 1>&2
pushd "%here%"
call mvn -B -q -Dstyle.color=never install -DskipTests 1>&2
set "status=%errorlevel%"
popd
if not "%status%"=="0" exit /b 2
call :find_jar

:run
rem The class path is one long line: for /f reads it whole (set /p stops at 1,024 characters).
for /f "usebackq delims=" %%c in ("%classpath_file%") do set "classpath=%%c"
java %JAVA_OPTS% -Dai.djl.offline=true -cp "%jar%;%classpath%" org.modulardiffusion.cli.Diffusion %*
exit /b %errorlevel%

:find_jar
set "jar="
for %%f in ("%here%modules-std\target\modules-std-*.jar") do (
  echo %%~nxf | findstr /v /c:"-tests" >nul && set "jar=%%f"
)
exit /b 0
