@echo off
rem hvmigrate launcher for Windows: builds target\hvmigrate.jar on first use and runs it with JAVA_HOMEs java.
setlocal
set "HERE=%~dp0.."
if not exist "%HERE%\target\hvmigrate.jar" (
  echo hvmigrate: building target\hvmigrate.jar ... 1>&2
  pushd "%HERE%"
  call mvnw.cmd -q -B package -DskipTests
  if errorlevel 1 (popd & echo hvmigrate: the build failed 1>&2 & exit /b 70)
  popd
)
if defined JAVA_HOME (set "JAVA=%JAVA_HOME%\bin\java.exe") else (set "JAVA=java")
"%JAVA%" %HVMIGRATE_JAVA_OPTS% -jar "%HERE%\target\hvmigrate.jar" %*
exit /b %ERRORLEVEL%
