#!/usr/bin/env bash
# Runs the PyTorch reference (train_reference.py) with Debian's python3-torch on OpenBLAS (pthreads), not
# Debian's reference BLAS, installing both when missing (apt, ~831 MB). Usage:
#   bench/reference/run.sh bench --threads 2            # samples/s of the mini-batch loop, one JSON line
#   bench/reference/run.sh train --n 5000               # the whole protocol for one run
# MNIST: $MENTIA_MNIST_DIR, else .work/mnist (the build's cache).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
py=/usr/bin/python3
if ! "$py" -c "import torch" 2>/dev/null || [ ! -e /usr/lib/x86_64-linux-gnu/openblas-pthread/libblas.so.3 ]; then
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y python3-torch libopenblas0-pthread
fi
# torch links libblas.so.3; put OpenBLAS' copy first whatever update-alternatives says.
export LD_LIBRARY_PATH="/usr/lib/x86_64-linux-gnu/openblas-pthread${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
threads=2
for ((i = 1; i <= $#; i++)); do
  if [ "${!i}" = "--threads" ]; then j=$((i + 1)); threads="${!j}"; fi
done
export OMP_NUM_THREADS="$threads" OPENBLAS_NUM_THREADS="$threads"
export MENTIA_MNIST_DIR="${MENTIA_MNIST_DIR:-$root/.work/mnist}"
blas="$(ldd "$("$py" -c 'import torch, os; print(os.path.join(os.path.dirname(torch.__file__), "lib", "libtorch_cpu.so"))')" | grep -E 'libblas|openblas' || true)"
echo "# BLAS: ${blas:-not linked dynamically}" >&2
exec "$py" "$here/train_reference.py" "$@"
