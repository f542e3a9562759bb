# make package: the desktop app as a jpackage app-image and .deb, built with the headless CLI jar
# (pipeline-core/target/paypulse.jar) in one Maven build; `make image` turns that same jar into the
# pipeline Docker image. The work is done by packaging/jpackage/build.sh.
#   make package                 # app-image + .deb under app/target/jpackage/
#   make package TYPES=app-image # only the app-image (seconds instead of a minute)
#   make test-package            # unpack the .deb, run it under Xvfb, check the pipeline ran
TYPES ?= app-image deb

.PHONY: package test-package

package:
	$(MVN) -q -DskipTests package
	TYPES="$(TYPES)" bash packaging/jpackage/build.sh
	@echo "CLI jar: $(JAR) (java -jar $(JAR) --help); pipeline Docker image from it: make image"

test-package: package
	bash packaging/jpackage/test-deb.sh
