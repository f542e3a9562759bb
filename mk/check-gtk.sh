#!/usr/bin/env bash
# `make run` opens a JavaFX window, and JavaFX 21 on Linux draws only through GTK 3: say so in one
# sentence before a long build ends in "Unable to load glass GTK library".
if ! ldconfig -p 2>/dev/null | grep -q 'libgtk-3\.so\.0'; then
  echo "make run needs GTK 3, which this machine lacks: install it with 'sudo apt-get install libgtk-3-0' (Debian/Ubuntu) and run make run again." >&2
  exit 1
fi
