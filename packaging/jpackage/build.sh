#!/usr/bin/env bash
# Builds the desktop app's jpackage app-image and .deb from an already built app module:
#   mvn -B -q -DskipTests package && bash packaging/jpackage/build.sh      (what `make package` does)
# Output under app/target/jpackage/: image/PayPulse (app-image), dist/paypulse_<version>_amd64.deb.
#   TYPES="app-image"   skips the .deb (the app-image alone takes seconds, the .deb about a minute)
# Inputs: app/target/app-<version>.jar and app/target/runtime.classpath (written by the app's build),
# the JDK's jmods (jlink), packaging/jpackage/paypulse.png. Prints one timing line per step.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
here=packaging/jpackage
out=app/target/jpackage
TYPES=${TYPES:-"app-image deb"}

# Version: the pom's, without a qualifier (jpackage wants numbers: 0.1.0-SNAPSHOT -> 0.1.0).
pom_version=$(sed -n 's:.*<version>\([^<]*\)</version>.*:\1:p' pom.xml | awk 'NR==1')
version=${pom_version%%-*}
[[ $version =~ ^[0-9]+(\.[0-9]+){0,2}$ ]] || { echo "build.sh: cannot make a numeric version of '$pom_version'" >&2; exit 1; }

main_jar=app/target/app-$pom_version.jar
[[ -f $main_jar && -f app/target/runtime.classpath ]] \
  || { echo "build.sh: $main_jar or app/target/runtime.classpath is missing: run 'mvn -DskipTests package' first" >&2; exit 1; }

# The JDK whose jmods become the bundled runtime; jpackage and jlink from the same JDK.
java_home=${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}
[[ -d $java_home/jmods ]] || { echo "build.sh: $java_home has no jmods (need a full JDK 17)" >&2; exit 1; }
jpackage=$java_home/bin/jpackage

step_start=$(date +%s.%N)
step() {
  local now; now=$(date +%s.%N)
  awk -v a="$step_start" -v b="$now" -v s="$1" 'BEGIN { printf "::timing %s %.1f s\n", s, b - a }'
  step_start=$now
}

rm -rf "$out" && mkdir -p "$out/input" "$out/dist"

# Main jar + every runtime dependency jar (the class path Maven resolved; JavaFX's linux jars carry
# the native libraries). jpackage puts every jar of --input on the launcher's class path.
cp "$main_jar" "$out/input/"
# (The file has no final newline: `|| [[ -n $jar ]]` keeps the last entry, lz4-java once went missing.)
tr ':' '\n' < app/target/runtime.classpath | while read -r jar || [[ -n $jar ]]; do
  [[ -f $jar ]] || { echo "build.sh: class path entry $jar is not a jar file" >&2; exit 1; }
  cp "$jar" "$out/input/"
done
n_cp=$(tr ':' '\n' < app/target/runtime.classpath | grep -c .)
n_in=$(find "$out/input" -name '*.jar' | wc -l)
((n_in == n_cp + 1)) || { echo "build.sh: $n_in jars in $out/input, expected $((n_cp + 1)) (a name clash?)" >&2; exit 1; }
step input

# Runtime: jlink'd modules. Found with jdeps per jar plus the module-info of the modular jars
# (jdeps on the whole class path fails on commons-validator's missing commons.digester module), then
# what is loaded reflectively: jdk.crypto.ec (TLS to SASL_SSL clusters), jdk.security.auth and
# jdk.security.jgss (Kerberos/SASL logins), jdk.naming.dns, jdk.zipfs, jdk.localedata is left out (English UI).
modules=java.base,java.compiler,java.desktop,java.logging,java.management,java.naming,java.net.http,java.rmi,\
java.scripting,java.security.jgss,java.security.sasl,java.sql,java.xml,jdk.crypto.ec,jdk.httpserver,jdk.jfr,\
jdk.management,jdk.naming.dns,jdk.security.auth,jdk.security.jgss,jdk.unsupported,jdk.zipfs
# Kept across builds in app/target/jpackage-runtime while the JDK and the module list stay the same
# (jlink is the slow step of an app-image: ~30 s on a busy machine).
runtime=app/target/jpackage-runtime
# --generate-cds-archive: the runtime's own class data sharing archive (lib/server/classes.jsa), which
# a full JDK ships and jlink leaves out; without it every start loads and verifies the JDK's classes
# from the modules file (docs/warmup.md: the noshare row). Made by this runtime for itself: it fits.
jlink_cds=--generate-cds-archive
stamp="$java_home $("$java_home/bin/java" -version 2>&1 | awk 'NR==2') $modules $jlink_cds"
if [[ ! -f $runtime/stamp || $(cat "$runtime/stamp") != "$stamp" ]]; then
  rm -rf "$runtime" && mkdir -p "$runtime"
  "$java_home/bin/jlink" --module-path "$java_home/jmods" --add-modules "$modules" --output "$runtime/image" \
    --strip-debug --no-header-files --no-man-pages --compress=2 "$jlink_cds"
  echo "$stamp" > "$runtime/stamp"
fi
step runtime

# The app's JVM options, as app/pom.xml's app.jvmOptions (`make run`): no periodic cleanup safepoint every
# second; under CPU load it stalled the FX thread with the embedded pipeline's threads (docs/benchmarks.md).
app_jvm_options="-XX:+UnlockDiagnosticVMOptions -XX:GuaranteedSafepointInterval=0"
common=(--name PayPulse --app-version "$version" --vendor PayPulse
        --description "PayPulse: real-time monitoring of payment and refund logs")

if [[ " $TYPES " == *" app-image "* || " $TYPES " == *" deb "* ]]; then
  "$jpackage" --type app-image "${common[@]}" --dest "$out/image" \
    --input "$out/input" --main-jar "$(basename "$main_jar")" --main-class io.paypulse.app.Launcher \
    --runtime-image "$runtime/image" --icon "$here/paypulse.png" \
    --java-options "$app_jvm_options"
  step app-image
  echo "app-image: $out/image/PayPulse ($(du -sh "$out/image/PayPulse" | cut -f1)), launcher $out/image/PayPulse/bin/PayPulse"
fi

if [[ " $TYPES " == *" deb "* ]]; then
  # The .deb wraps the app-image (no second jlink). jpackage derives the runtime's own library
  # dependencies, but not JavaFX's (its .so files sit inside the openjfx jars): these are the
  # DT_NEEDED libraries of libglass(gtk3), libprism_es2 and the font libraries, by Debian package.
  fx_deps="libgtk-3-0, libglib2.0-0, libx11-6, libxtst6, libxxf86vm1, libgl1, libfreetype6, libfontconfig1"
  # gzip, not dpkg's default xz: the payload is mostly jars (already compressed); xz took 250 s on a
  # busy 2-core machine for 3 % less size, gzip about 35 s.
  DPKG_DEB_COMPRESSOR_TYPE=gzip "$jpackage" --type deb "${common[@]}" --dest "$out/dist" --app-image "$out/image/PayPulse" \
    --icon "$here/paypulse.png" --linux-package-name paypulse --linux-deb-maintainer "paypulse@example.invalid" \
    --linux-shortcut --linux-menu-group "Office;Finance;" --linux-app-category misc \
    --linux-package-deps "$fx_deps"
  step deb
  deb=$(ls "$out"/dist/paypulse_*.deb)
  bash "$here/inputs-stamp.sh" > "$out/dist/inputs.stamp"   # lets test-deb.sh reuse this .deb
  echo "deb: $deb ($(du -h "$deb" | cut -f1)); installs to /opt/paypulse, launcher /opt/paypulse/bin/PayPulse"
fi
echo "CLI jar (same build): $root/pipeline-core/target/paypulse.jar"
