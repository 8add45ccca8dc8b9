@echo off
rem hvmigrate launcher for Windows.
rem In an unpacked distribution (lib\hvmigrate.jar, no pom.xml): runs lib\hvmigrate.jar with the bundled runtime\ when
rem there is one, otherwise with a Java 21+ (JAVA_HOME, then the java on PATH); never builds.
rem In a source checkout: builds target\hvmigrate.jar on first use and runs it (Windows refuses to overwrite a jar that
rem is open, so a rebuild under a running hvmigrate fails rather than changing its jar).
rem Either way hvmigrate finds its own files (config\, playbooks\) in this folder, whatever the working directory
rem (Task Scheduler starts tasks in C:\Windows\System32).
rem Exit codes of the launcher itself (hvmigrate's own are in "hvmigrate --help"): 2 no usable Java; 78 this folder
rem cannot give an hvmigrate to run: the source checkout's build failed, or the distribution lacks lib\hvmigrate.jar.
rem No parenthesised blocks below: a folder such as "C:\Program Files (x86)" would end them early.
setlocal EnableExtensions DisableDelayedExpansion
for %%I in ("%~dp0..") do set "HVM_HOME=%%~fI"
rem a drive root ends in a backslash, which would escape the closing quote of -Dhvmigrate.home="..."
if "%HVM_HOME:~-1%"=="\" set "HVM_HOME=%HVM_HOME%."

if exist "%HVM_HOME%\pom.xml" goto :checkout
set "HVM_JAR=%HVM_HOME%\lib\hvmigrate.jar"
if exist "%HVM_JAR%" goto :findjava
echo hvmigrate: %HVM_JAR% is missing; this installation is incomplete: unpack the distribution again 1>&2
exit /b 78
:checkout
set "HVM_JAR=%HVM_HOME%\target\hvmigrate.jar"

:findjava
if exist "%HVM_HOME%\pom.xml" goto :systemjava
if not exist "%HVM_HOME%\runtime\bin\java.exe" goto :systemjava
set "HVM_JAVA=%HVM_HOME%\runtime\bin\java.exe"
goto :build
:systemjava
if not defined JAVA_HOME goto :pathjava
set "HVM_JAVA=%JAVA_HOME%\bin\java.exe"
if exist "%HVM_JAVA%" goto :checkversion
echo hvmigrate: JAVA_HOME is %JAVA_HOME%, but %HVM_JAVA% does not exist; set JAVA_HOME to a Java 21 or newer 1>&2
exit /b 2
:pathjava
set "HVM_JAVA="
for /f "delims=" %%J in ('where java 2^>nul') do if not defined HVM_JAVA set "HVM_JAVA=%%J"
if defined HVM_JAVA goto :checkversion
echo hvmigrate: no Java found. hvmigrate needs Java 21 or newer: install one (for example Temurin 21 from 1>&2
echo            adoptium.net) and set JAVA_HOME to it, or put its bin folder on PATH. 1>&2
exit /b 2
:checkversion
rem java.specification.version is 21, 25, ... (1.8 for Java 8); its first number is the major version
set "HVM_JSPEC="
set "HVM_JMAJOR=0"
set "HVM_PROPS=%TEMP%\hvmigrate-java-%RANDOM%%RANDOM%.txt"
"%HVM_JAVA%" -XshowSettings:properties -version 2>"%HVM_PROPS%" >nul
for /f "usebackq tokens=1,2 delims== " %%a in ("%HVM_PROPS%") do if "%%a"=="java.specification.version" set "HVM_JSPEC=%%b"
del "%HVM_PROPS%" >nul 2>&1
if defined HVM_JSPEC for /f "tokens=1 delims=." %%v in ("%HVM_JSPEC%") do set "HVM_JMAJOR=%%v"
if %HVM_JMAJOR% GEQ 21 goto :build
echo hvmigrate: Java %HVM_JSPEC% at %HVM_JAVA% is too old; hvmigrate needs 21 or newer. Set JAVA_HOME to a newer one. 1>&2
exit /b 2

:build
if not exist "%HVM_HOME%\pom.xml" goto :cds
if exist "%HVM_JAR%" goto :cds
echo hvmigrate: building target\hvmigrate.jar (first run) ... 1>&2
pushd "%HVM_HOME%"
call mvnw.cmd -q -B package -DskipTests -Dassembly.skipAssembly=true -Dlicense.skipAddThirdParty=true 1>&2
set "HVM_BUILD=%ERRORLEVEL%"
popd
if "%HVM_BUILD%"=="0" goto :cds
echo hvmigrate: the build of %HVM_HOME% failed (the messages above say why); fix it, or run mvnw.cmd package there to see more 1>&2
exit /b 78

:cds
rem A class-data archive, made by the JVM on first use and refreshed when the jar changes: it saves a second or more of
rem class loading on every start (HVMIGRATE_CDS=0 turns it off). Never inside the installation: the user's local
rem application data, one archive per installation.
set "HVM_CDS="
if "%HVMIGRATE_CDS%"=="0" goto :launch
if not defined LOCALAPPDATA goto :launch
if not exist "%LOCALAPPDATA%\hvmigrate\" mkdir "%LOCALAPPDATA%\hvmigrate" >nul 2>&1
if not exist "%LOCALAPPDATA%\hvmigrate\" goto :launch
set "HVM_KEY=%HVM_HOME::=%"
set "HVM_KEY=%HVM_KEY:\=_%"
set "HVM_KEY=%HVM_KEY: =_%"
set "HVM_CDS=%LOCALAPPDATA%\hvmigrate\hvmigrate-%HVM_KEY%.jsa"

:launch
if defined HVM_CDS goto :launchcds
"%HVM_JAVA%" %HVMIGRATE_JAVA_OPTS% "-Dhvmigrate.home=%HVM_HOME%" -jar "%HVM_JAR%" %*
exit /b %ERRORLEVEL%
:launchcds
"%HVM_JAVA%" -XX:+AutoCreateSharedArchive "-XX:SharedArchiveFile=%HVM_CDS%" -Xlog:cds=off -Xlog:cds+dynamic=off %HVMIGRATE_JAVA_OPTS% "-Dhvmigrate.home=%HVM_HOME%" -jar "%HVM_JAR%" %*
exit /b %ERRORLEVEL%
