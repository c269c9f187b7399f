#!/bin/sh
# `mentia` on the PATH of the client image (also handy in `kubectl exec`).
exec dotnet /app/mentia.dll "$@"
