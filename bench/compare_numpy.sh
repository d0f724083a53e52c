#!/usr/bin/env bash
# Side by side: `thmcheck simulate minibatch-hbm` against bench/numpy_minibatch_hbm.py (the same Monte
# Carlo written in NumPy), both on ONE thread, on the SAME instance (thmcheck writes A, b and x* with
# --save-instance; NumPy loads them) with the same (alpha, beta) (read from thmcheck's JSON), for batches
# B*/1000, B*/100, B*/10 and B*. Only the random draws differ. Prints both trial-loop times and their
# ratio, and checks that the final errors ||x_K - x*|| / ||x_0 - x*|| agree statistically: a two-sample
# Kolmogorov-Smirnov test per batch at level alpha / (number of batches) (Bonferroni, so the family's
# false-alarm level is alpha), with each median's distribution-free 95% confidence interval (order
# statistics, binomial(m, 1/2)) printed beside it.
# Builds nothing: point THMCHECK at a built thmcheck.
#
#   THMCHECK=build-perf/thmcheck bench/compare_numpy.sh [--kappa 100] [--dim 100] [--rows 100000]
#       [--iters 100] [--trials 100] [--spectrum fast-exponential] [--alpha 0.01] [--batches "20 200"]
#
# Exit: 0 agree, 1 the distributions differ, 64 bad usage.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
THMCHECK=${THMCHECK:-$here/../build/thmcheck}
PYTHON=${PYTHON:-/usr/bin/python3}  # Debian's python3, where python3-numpy lives
kappa=100 dim=100 rows=100000 iters=100 trials=100 spectrum=fast-exponential alpha=0.01 batches=""
while [ $# -gt 0 ]; do
  case "$1" in
    --kappa) kappa=$2; shift 2 ;;
    --dim) dim=$2; shift 2 ;;
    --rows) rows=$2; shift 2 ;;
    --iters) iters=$2; shift 2 ;;
    --trials) trials=$2; shift 2 ;;
    --spectrum) spectrum=$2; shift 2 ;;
    --alpha) alpha=$2; shift 2 ;;
    --batches) batches=$2; shift 2 ;;
    *) echo "compare_numpy.sh: unknown argument '$1'" >&2; exit 64 ;;
  esac
done
[ -x "$THMCHECK" ] || { echo "compare_numpy.sh: no thmcheck at '$THMCHECK' (set THMCHECK)" >&2; exit 64; }
"$PYTHON" -c "import numpy" 2>/dev/null || { echo "compare_numpy.sh: '$PYTHON' has no numpy (apt-get install python3-numpy)" >&2; exit 64; }

# One thread everywhere: OpenMP in thmcheck (--jobs 1) and whatever BLAS NumPy links.
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1 BLIS_NUM_THREADS=1
sizes=(--spectrum "$spectrum" --kappa "$kappa" --dim "$dim" --rows "$rows")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# The instance depends on the seed and sizes only (not on the batch): write it once.
bstar=$("$THMCHECK" simulate minibatch-hbm "${sizes[@]}" --iters 1 --trials 1 --json --save-instance "$tmp/instance" |
        "$PYTHON" -c "import json,sys; print(json.load(sys.stdin)['B_star'])")
if [ -z "$batches" ]; then
  batches="$(( (bstar + 999) / 1000 )) $(( (bstar + 99) / 100 )) $(( (bstar + 9) / 10 )) $bstar"
  echo "# B* = $bstar (thmcheck hbm-params); batches $batches"
fi
nb=$(wc -w <<< "$batches")
echo "# load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

status=0
printf "%8s %10s %10s %7s %34s %34s %9s %7s\n" batch thmcheck_s numpy_s ratio "median_thm [95% CI]" "median_np [95% CI]" ks_p verdict
for B in $batches; do
  t0=$(date +%s.%N)
  "$THMCHECK" simulate minibatch-hbm "${sizes[@]}" --batch "$B" --iters "$iters" --trials "$trials" \
    --jobs 1 --json --quiet > "$tmp/thm.json"
  t1=$(date +%s.%N)
  params=$("$PYTHON" -c "import json,sys; j=json.load(open(sys.argv[1])); print(repr(j['alpha']), repr(j['beta']))" "$tmp/thm.json")
  read -r a_thm b_thm <<< "$params"
  "$PYTHON" "$here/numpy_minibatch_hbm.py" "${sizes[@]}" --batch "$B" --iters "$iters" --trials "$trials" \
    --instance "$tmp/instance" --alpha "$a_thm" --beta "$b_thm" > "$tmp/np.json"
  t2=$(date +%s.%N)
  "$PYTHON" - "$tmp/thm.json" "$tmp/np.json" "$alpha" "$nb" "$B" "$t0" "$t1" "$t2" <<'PY' || status=1
import json, math, sys
thm, npj = (json.load(open(f)) for f in sys.argv[1:3])
alpha, nb, B = float(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
t0, t1, t2 = map(float, sys.argv[6:9])
if "final" not in thm:
    sys.exit("thmcheck simulate --json has no per-trial 'final' errors: cannot run the two-sample test")
x, y = sorted(thm["final"]), sorted(npj["final"])
m, n = len(x), len(y)
# Two-sample KS statistic D = sup |F_m - G_n| over the pooled sample.
i = j = 0
D = 0.0
while i < m and j < n:
    v = min(x[i], y[j])
    while i < m and x[i] <= v: i += 1
    while j < n and y[j] <= v: j += 1
    D = max(D, abs(i / m - j / n))
# Asymptotic p-value with Stephens' small-sample correction (Numerical Recipes' probks).
ne = m * n / (m + n)
lam = (math.sqrt(ne) + 0.12 + 0.11 / math.sqrt(ne)) * D
p = 1.0 if lam < 1e-3 else min(1.0, max(0.0, 2 * sum((-1) ** (k - 1) * math.exp(-2 * k * k * lam * lam) for k in range(1, 101))))
level = alpha / nb

def median_ci(v, conf=0.95):
    """Sample median and the order statistics (v_(l), v_(u)) covering the median with probability
    >= conf whatever the distribution: P(l <= #{v_i < median} < u) under binomial(m, 1/2)."""
    m = len(v)
    pmf = [math.comb(m, k) / 2**m for k in range(m + 1)]
    l = 0
    while sum(pmf[l + 1:m - l]) >= conf and l + 1 < m - l - 1:
        l += 1
    med = (v[(m - 1) // 2] + v[m // 2]) / 2
    return med, v[l], v[m - 1 - l]

ts, ns = thm["seconds"], npj["seconds"]
verdict = "agree" if p > level else "DIFFER"
(mt, lt, ut), (mn, ln, un) = median_ci(x), median_ci(y)
ct, cn = f"{mt:.3e} [{lt:.3e},{ut:.3e}]", f"{mn:.3e} [{ln:.3e},{un:.3e}]"
print(f"{B:>8} {ts:10.3f} {ns:10.3f} {ns / ts:7.1f} {ct:>34} {cn:>34} {p:9.3g} {verdict:>7}"
      f"   (wall {t1 - t0:.1f} s vs {t2 - t1:.1f} s; CIs {'overlap' if lt <= un and ln <= ut else 'DISJOINT'})")
sys.exit(0 if p > level else 1)
PY
done
echo "# times: trial loops only (instance construction excluded), one thread each; ratio = numpy / thmcheck"
echo "# KS level per batch alpha/$nb with alpha = $alpha; load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
exit $status
