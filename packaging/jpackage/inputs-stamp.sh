#!/usr/bin/env bash
# Prints a fingerprint of what goes into the package: the contents of the jars built here (entry names
# and data, not zip timestamps, so a rebuild of unchanged code matches), the other class path jars by
# path and size, the packaging script, the icon and the JDK. build.sh stores it next to the .deb;
# test-deb.sh reuses a .deb whose fingerprint still matches (`make package`, then `make test`).
set -euo pipefail
cd "$(dirname "$0")/../.."
pom_version=$(sed -n 's:.*<version>\([^<]*\)</version>.*:\1:p' pom.xml | awk 'NR==1')
python3 - "app/target/app-$pom_version.jar" "$(cat app/target/runtime.classpath)" "$(java -version 2>&1)" <<'PY'
import hashlib, os, sys, zipfile
h = hashlib.sha256()
def contents(jar):
    with zipfile.ZipFile(jar) as z:
        for name in sorted(z.namelist()):
            h.update(name.encode()); h.update(z.read(name))
contents(sys.argv[1])
for jar in sys.argv[2].split(os.pathsep):
    if "/target/" in jar or jar.endswith("-SNAPSHOT.jar"):
        # Built here (or a snapshot): by name and content, wherever Maven resolved it from
        # (pipeline-core/target in a reactor build, ~/.m2 with -pl app).
        h.update(os.path.basename(jar).encode()); contents(jar)
    else:
        h.update(jar.encode()); h.update(str(os.path.getsize(jar)).encode())   # a release: path and size
for f in ("packaging/jpackage/build.sh", "packaging/jpackage/paypulse.png"):
    h.update(open(f, "rb").read())
h.update(sys.argv[3].encode())
print(h.hexdigest())
PY
