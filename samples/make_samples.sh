#!/bin/bash
# Regenerates the LAMMPS sample trajectories and their sanity-check reports.
#   samples/make_samples.sh [ka3d|shear2d|all]      (default: all)
# Serial Debian LAMMPS (29 Sep 2021), fixed seeds: the same binary reproduces the same bytes.
# Scratch files (logs, instantaneous positions, reference run) go to $WORK (default: a new temp dir).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
LMP=${LMP:-/usr/bin/lmp}
PY=/usr/bin/python3
WORK=${WORK:-$(mktemp -d)}
echo "scratch directory: $WORK"

# run_lmp LOGNAME SCRIPT [lmp args...]: serial LAMMPS run, prints its wall time.
run_lmp() {
  name=$1; script=$2; shift 2
  t0=$(date +%s)
  "$LMP" -nc -in "$script" -log "$name.log" "$@" > /dev/null
  echo "  $name: $(( $(date +%s) - t0 )) s"
}

ka3d() {
  mkdir -p "$WORK/ka3d" && cd "$WORK/ka3d" && rm -f ./*.dump
  cp "$here/ka3d/ka_pair.lmp" .
  run_lmp equil "$here/ka3d/in.ka3d_equil"
  run_lmp prod "$here/ka3d/in.ka3d_prod" -var inst 1
  # Reference: same start, no quenches; its instantaneous positions must match the production run's.
  run_lmp ref "$here/ka3d/in.ka3d_prod" -var quench 0 -var inst 1 -var nframes 20 \
    -var isdump ref_is.dump -var instdump ref_inst.dump
  gzip -9 -n -c ka3d_is.dump > "$here/ka3d/ka3d_is.dump.gz"
  "$PY" "$here/check_samples.py" ka3d --is "$here/ka3d/ka3d_is.dump.gz" --inst ka3d_inst.dump \
    --ref ref_inst.dump --log prod.log | tee "$here/ka3d/check_output.txt"
}

shear2d() {
  mkdir -p "$WORK/shear2d" && cd "$WORK/shear2d" && rm -f ./*.dump
  run_lmp shear2d "$here/shear2d/in.shear2d"
  gzip -9 -n -c shear2d.dump > "$here/shear2d/shear2d.dump.gz"
  cp shear2d_stress.dat "$here/shear2d/"
  "$PY" "$here/check_samples.py" shear2d --dump "$here/shear2d/shear2d.dump.gz" \
    --stress "$here/shear2d/shear2d_stress.dat" | tee "$here/shear2d/check_output.txt"
}

case "${1:-all}" in
  ka3d) ka3d ;;
  shear2d) shear2d ;;
  all) ka3d; shear2d ;;
  *) echo "usage: $0 [ka3d|shear2d|all]" >&2; exit 2 ;;
esac
