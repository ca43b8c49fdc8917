#!/usr/bin/python3
"""Sanity checks of the LAMMPS samples (run with /usr/bin/python3: needs numpy).

  check_samples.py ka3d    --is ka3d/ka3d_is.dump.gz [--inst X.dump] [--ref Y.dump] [--log prod.log]
  check_samples.py shear2d --dump shear2d/shear2d.dump.gz --stress shear2d/shear2d_stress.dat

ka3d: MSD(t), overlap q(t) (a = 0.3 sigma_AA) and tau_alpha (q = 1/e) from the inherent structures
and, if given, the instantaneous positions; p_hop statistics ([Schoenholz2018] Eq. 2,
t_R = 10 tau); continuity of the quench/restore loop (--ref: instantaneous positions of a run
without quenches) and the restore error column of the LAMMPS log.
shear2d: dump consistency (xu = x + ix lx + iy xy, tilt = strain ly) and the stress-strain curve.
Exits with status 1 if a consistency check fails.
"""
import argparse
import gzip
import sys

import numpy as np

FRAME_TAU = 1.0          # both samples dump every 200 steps of dt = 0.005 tau
T_R_FRAMES = 10          # p_hop window t_R = 10 tau, in frames
OVERLAP_A = 0.3          # overlap cutoff a, sigma_AA
PHOP_THRESHOLDS = (0.05, 0.2, 0.6)
P_LOW = (0.05, 0.1)       # event thresholds p_L ([Schoenholz2018] Sec. 3 uses p_L ~ 0.05)
failures = []


def check(ok, what):
    """Record and print one pass/fail consistency check."""
    print(f"  [{'ok' if ok else 'FAIL'}] {what}")
    if not ok:
        failures.append(what)


def read_dump(path):
    """Read a LAMMPS text dump (optionally .gz) with a fixed atom count and sorted ids.

    Returns (steps [F], boxes [F x 3 x 3] rows = bounds lines, columns list, data [F x N x C]).
    """
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rt") as fh:
        lines = fh.read().split("\n")
    heads = [i for i, line in enumerate(lines) if line.startswith("ITEM: ATOMS")]
    if not heads or not lines[heads[0] - 6].startswith("ITEM: NUMBER OF ATOMS"):
        raise ValueError(f"{path}: not a LAMMPS text dump with TIMESTEP/NUMBER/BOX/ATOMS items")
    n = int(lines[heads[0] - 5])
    columns = lines[heads[0]].split()[2:]
    steps = np.array([int(lines[h - 7]) for h in heads])
    boxes = np.array([[[float(v) for v in lines[h - 3 + k].split()] + [0.0] * (3 - len(lines[h - 3 + k].split()))
                       for k in range(3)] for h in heads])
    body = "\n".join("\n".join(lines[h + 1:h + 1 + n]) for h in heads)
    data = np.array(body.split(), dtype=float).reshape(len(heads), n, len(columns))
    return steps, boxes, columns, data


def lag_set(n_frames):
    """Roughly log-spaced lags (frames) from 1 to n_frames - 1."""
    return np.unique(np.round(np.logspace(0, np.log10(n_frames - 1), 30)).astype(int))


def msd_and_overlap(pos, mask):
    """MSD and overlap q for a set of lags, averaged over all time origins; pos [F x N x 3]."""
    rows = []
    for lag in lag_set(len(pos)):
        d2 = ((pos[lag:, mask] - pos[:-lag, mask]) ** 2).sum(axis=2)
        rows.append((lag * FRAME_TAU, d2.mean(), (d2 < OVERLAP_A ** 2).mean()))
    return np.array(rows)


def tau_alpha(rows):
    """Time where q(t) first crosses 1/e, interpolated linearly in log t; nan if it never does."""
    t, q = rows[:, 0], rows[:, 2]
    below = np.nonzero(q < np.exp(-1))[0]
    if len(below) == 0 or below[0] == 0:
        return float("nan")
    k = below[0]
    f = (q[k - 1] - np.exp(-1)) / (q[k - 1] - q[k])
    return float(np.exp(np.log(t[k - 1]) + f * (np.log(t[k]) - np.log(t[k - 1]))))


def report_dynamics(label, pos, types):
    """Print MSD(t), q(t) for A and B and tau_alpha of the A particles."""
    res = {s: msd_and_overlap(pos, types == s) for s in (1, 2)}
    print(f"  {label}: t/tau  MSD_A  q_A  MSD_B  q_B")
    for ra, rb in zip(res[1], res[2]):
        print(f"    {ra[0]:6.0f} {ra[1]:8.4f} {ra[2]:6.3f} {rb[1]:8.4f} {rb[2]:6.3f}")
    print(f"  {label}: tau_alpha(A, q = 1/e, a = {OVERLAP_A}) = {tau_alpha(res[1]):.1f} tau,"
          f" tau_alpha(B) = {tau_alpha(res[2]):.1f} tau")


def p_hop(pos):
    """p_hop [F x N] (sigma^2), [Schoenholz2018] Eq. 2; nan where a window is incomplete.

    A = frames t - t_R/2 .. t, B = frames t .. t + t_R/2 (inclusive), plain means over each window.
    """
    half = T_R_FRAMES // 2
    out = np.full(pos.shape[:2], np.nan)
    for t in range(half, len(pos) - half):
        win_a, win_b = pos[t - half:t + 1], pos[t:t + half + 1]
        mean_a, mean_b = win_a.mean(axis=0), win_b.mean(axis=0)
        var_a = ((win_a - mean_b) ** 2).sum(axis=2).mean(axis=0)
        var_b = ((win_b - mean_a) ** 2).sum(axis=2).mean(axis=0)
        out[t] = np.sqrt(var_a * var_b)
    return out


def event_peaks(ph, p_low):
    """p* of every rearrangement event ([Schoenholz2018] Sec. 3): an event is a maximal run of
    consecutive frames of one particle with p_hop > p_low, and p* is the largest p_hop in it."""
    peaks = []
    for column in np.nan_to_num(ph, nan=0.0).T:
        above = column > p_low
        starts = np.nonzero(above & ~np.r_[False, above[:-1]])[0]
        if len(starts):
            peaks.append(np.maximum.reduceat(np.where(above, column, 0.0), starts))
    return np.concatenate(peaks) if peaks else np.zeros(0)


def report_phop(pos, types):
    """Print p_hop statistics: particle-frames above thresholds, events, p_c for >= 2000 events."""
    ph = p_hop(pos)
    valid = ~np.isnan(ph)
    print(f"  p_hop (t_R = {T_R_FRAMES} tau): {valid.sum()} particle-frames"
          f" ({valid.any(axis=1).sum()} frames x {pos.shape[1]} particles)")
    print(f"    median {np.nanmedian(ph):.4f}, 99th pct {np.nanpercentile(ph, 99):.4f}, max {np.nanmax(ph):.3f}")
    for p_c in PHOP_THRESHOLDS:
        per_species = ", ".join(f"{'AB'[s - 1]} {(ph[:, types == s] > p_c).sum()}" for s in (1, 2))
        print(f"    p_hop > {p_c}: {(ph > p_c).sum()} particle-frames ({per_species})")
    grid = np.round(np.arange(0.05, 1.501, 0.05), 2)
    for p_low in P_LOW:
        peaks = event_peaks(ph, p_low)
        counts = [int((peaks > p_c).sum()) for p_c in grid]
        print(f"    events (runs above p_L = {p_low}): {len(peaks)}; with p* > 0.6: {int((peaks > 0.6).sum())},"
              f" p* > 0.2: {int((peaks > 0.2).sum())}")
        print("      events with p* > p_c: " + ", ".join(f"{p}:{c}" for p, c in zip(grid, counts)))
        ok = [p for p, c in zip(grid, counts) if c >= 2000]
        print(f"      largest p_c (grid 0.05) with >= 2000 events: {max(ok) if ok else 'none'}")
    hist, edges = np.histogram(np.log10(ph[valid]), bins=np.arange(-4.0, 1.01, 0.5))
    print("    histogram of log10 p_hop: " + ", ".join(f"[{e:.1f},{e + 0.5:.1f}):{h}" for e, h in zip(edges, hist)))


def restore_errors(log_path):
    """c_err on the first thermo line after each header in the production log (restore check)."""
    errs = []
    lines = open(log_path).read().split("\n")
    for i, line in enumerate(lines[:-1]):
        if line.split()[:1] == ["Step"] and line.split()[-1] == "c_err":
            errs.append(float(lines[i + 1].split()[-1]))
    return np.array(errs)


def run_ka3d(args):
    """All ka3d checks."""
    print(f"ka3d: {args.is_dump}")
    steps, boxes, cols, data = read_dump(args.is_dump)
    types = data[0, :, cols.index("type")].astype(int)
    pos = data[:, :, [cols.index(c) for c in ("xu", "yu", "zu")]]
    dsteps = np.unique(np.diff(steps))
    print(f"  {len(steps)} frames, N = {pos.shape[1]} (A {np.sum(types == 1)}, B {np.sum(types == 2)}),"
          f" steps {steps[0]}..{steps[-1]}, step spacing {dsteps}, box L = {boxes[0, 0, 1] - boxes[0, 0, 0]:.5f}")
    check(len(dsteps) == 1, "frames equally spaced in time")
    check(bool((data[:, :, 0] == data[0, :, 0]).all()), "ids sorted and identical in every frame")
    report_dynamics("inherent structures", pos, types)
    report_phop(pos, types)
    if args.inst:
        _, _, icols, inst = read_dump(args.inst)
        ipos = inst[:, :, [icols.index(c) for c in ("xu", "yu", "zu")]]
        report_dynamics("instantaneous", ipos, types)
        dev = np.sqrt(((ipos - pos) ** 2).sum(axis=2))
        print(f"  |IS - instantaneous|: rms {np.sqrt((dev ** 2).mean()):.4f}, max {dev.max():.3f} sigma_AA")
        if args.ref:
            _, _, rcols, ref = read_dump(args.ref)
            rpos = ref[:, :, [rcols.index(c) for c in ("xu", "yu", "zu")]]
            k = min(len(rpos), len(ipos))
            diff = np.abs(rpos[:k] - ipos[:k]).max(axis=(1, 2))
            print(f"  continuity vs run without quenches, max |dx| per frame: {np.array2string(diff, precision=5)}")
            check(diff[:5].max() <= 2e-4, "quenched run follows the unquenched trajectory (first 5 tau, 1e-4 dump precision)")
    if args.log:
        errs = restore_errors(args.log)
        print(f"  restore error (max over {len(errs)} checks): {errs.max():.3e}")
        check(errs.max() < 1e-10, "restored MD state equals the stored one (|dxu| + |dv| < 1e-10)")


def run_shear2d(args):
    """All shear2d checks."""
    print(f"shear2d: {args.dump}")
    steps, boxes, cols, data = read_dump(args.dump)
    c = {name: cols.index(name) for name in cols}
    types = data[0, :, c["type"]].astype(int)
    lx = boxes[:, 0, 1] - boxes[:, 0, 0] - np.maximum(boxes[:, 0, 2], 0) + np.minimum(boxes[:, 0, 2], 0)
    xy = boxes[:, 0, 2]
    ly = boxes[:, 1, 1] - boxes[:, 1, 0]
    strain = xy / ly
    print(f"  {len(steps)} frames, N = {data.shape[1]} (A {np.sum(types == 1)}, B {np.sum(types == 2)}),"
          f" steps {steps[0]}..{steps[-1]}, spacing {np.unique(np.diff(steps))}, strain {strain[0]:.4f}..{strain[-1]:.4f}")
    check(np.allclose(strain, steps * 0.005 * 1e-3, atol=1e-6), "tilt xy / ly = erate * t")
    xu = data[:, :, c["x"]] + data[:, :, c["ix"]] * lx[:, None] + data[:, :, c["iy"]] * xy[:, None]
    yu = data[:, :, c["y"]] + data[:, :, c["iy"]] * ly[:, None]
    err = max(np.abs(xu - data[:, :, c["xu"]]).max(), np.abs(yu - data[:, :, c["yu"]]).max())
    check(err < 2e-4, f"xu = x + ix lx + iy xy and yu = y + iy ly (max err {err:.1e})")
    check(bool((data[:, :, c["z"]] == 0).all() and (data[:, :, c["iz"]] == 0).all()), "z = 0 and iz = 0 (2D)")
    stress = np.loadtxt(args.stress)
    gamma, sigma = stress[:, 1], stress[:, 2]
    per_tau = 4                                   # 50-step windows per tau (200 steps)
    nb = len(gamma) // per_tau
    g1 = gamma[:nb * per_tau].reshape(nb, per_tau).mean(axis=1)
    s1 = sigma[:nb * per_tau].reshape(nb, per_tau).mean(axis=1)
    print("  stress-strain (sigma_xy = -pxy, epsilon/sigma^2, mean over strain bins of 0.01):")
    for lo in np.arange(0.0, gamma.max() - 1e-9, 0.01):
        sel = (gamma >= lo) & (gamma < lo + 0.01)
        print(f"    strain {lo:.2f}-{lo + 0.01:.2f}: {sigma[sel].mean():7.4f} +- {sigma[sel].std() / np.sqrt(sel.sum()):.4f}")
    smooth = np.convolve(s1, np.ones(5) / 5, mode="valid")   # 5 tau running mean
    k = int(np.argmax(smooth))
    print(f"  peak of 5-tau running mean: sigma = {smooth[k]:.4f} at strain {g1[k + 2]:.4f};"
          f" mean over strain > 0.1: {sigma[gamma > 0.1].mean():.4f}")
    slope = np.polyfit(gamma[gamma < 0.02], sigma[gamma < 0.02], 1)[0]
    print(f"  initial slope (strain < 0.02): G ~ {slope:.2f}")
    # Plastic drops: decreases of the 1-tau-binned stress over 5 tau, compared with the drop of
    # the same statistic expected from the noise alone (elastic regime, strain < 0.03, detrended).
    elastic = g1 < 0.03
    noise = (s1[elastic] - np.polyval(np.polyfit(g1[elastic], s1[elastic], 1), g1[elastic])).std()
    drops = smooth[:-5] - smooth[5:]
    threshold = 3 * noise * np.sqrt(2 / 5)
    above = drops > threshold
    starts = np.nonzero(above & ~np.r_[False, above[:-1]])[0]
    ends = np.nonzero(above & ~np.r_[above[1:], False])[0]
    print(f"  1-tau stress noise {noise:.4f}; drop episodes of the 5-tau mean by > {threshold:.4f} (3 sigma):"
          f" {len(starts)}")
    for a, b in zip(starts, ends):
        k = a + int(np.argmax(drops[a:b + 1]))
        print(f"    strain {g1[a + 2]:.3f}-{g1[b + 7]:.3f}: largest drop {drops[k]:.3f} (from {smooth[k]:.3f})")

def main():
    """Parse the command line and dispatch to the sample's checks."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="sample", required=True)
    ka = sub.add_parser("ka3d")
    ka.add_argument("--is", dest="is_dump", required=True)
    ka.add_argument("--inst")
    ka.add_argument("--ref")
    ka.add_argument("--log")
    sh = sub.add_parser("shear2d")
    sh.add_argument("--dump", required=True)
    sh.add_argument("--stress", required=True)
    args = parser.parse_args()
    {"ka3d": run_ka3d, "shear2d": run_shear2d}[args.sample](args)
    if failures:
        print(f"{len(failures)} check(s) FAILED")
        sys.exit(1)


if __name__ == "__main__":
    main()
