#!/usr/bin/env python3
"""Minibatch heavy ball Monte Carlo written as a researcher would in NumPy (the side-by-side baseline
of bench/compare_numpy.sh): the same algorithm as `thmcheck simulate minibatch-hbm`
(docs/theory/minibatch-hbm.md), on an instance drawn the same way (A = U diag(sqrt(lambda)) V^T,
U and V from QR of Gaussians, x_opt ~ N(0, I), b = A x_opt, x_0 = 0), with its own random numbers.
With --instance DIR it runs instead on the very instance thmcheck used (`thmcheck simulate
--save-instance DIR` writes A.npy, b.npy, x_star.npy), and --alpha/--beta take thmcheck's parameters
verbatim: then only the random draws differ, and the error distributions must agree.

Per step: B rows i.i.d. with replacement, p_i = ||a_i||^2 / ||A||_F^2 (np.random choice with p),
a fancy-index gather, two mat-vec products, g = (1/B) sum_j a_ij (a_ij^T x - b_ij) / p_ij, and
x_{k+1} = x_k - alpha g + beta (x_k - x_{k-1}) with the widened (alpha, beta) of the theory file.

Prints JSON: the timing of the trial loop (as simulate's "seconds": instance construction excluded),
the median / q10 / q90 curves of ||x_k - x*|| / ||x_0 - x*|| and every trial's final error.
"""
import argparse
import json
import math
import time

import numpy as np


def spectrum(name, d, kappa):
    t = np.arange(d) / (d - 1)
    if name == "fast-exponential":
        return 1 + t * (kappa - 1) * 0.1 ** (d - 1 - np.arange(d))
    if name == "slow-exponential":
        return 1 + t * (kappa - 1) * 0.8 ** (d - 1 - np.arange(d))
    if name == "fast-algebraic":
        return t**2 * (kappa - 1) + 1
    if name == "slow-algebraic":
        return t * (kappa - 1) + 1
    raise SystemExit(f"unknown spectrum '{name}'")


def heavy_ball_parameters(lam, c):
    lmin, lmax = lam.min(), lam.max()
    gamma = lmin / c
    l, L = lmin - gamma, lmax + gamma
    alpha = 4 / (math.sqrt(L) + math.sqrt(l)) ** 2
    beta = ((math.sqrt(L) - math.sqrt(l)) / (math.sqrt(L) + math.sqrt(l))) ** 2
    d = len(lam)
    b_star = math.floor(16 * math.e * lam.sum() * lmax * math.log(2 * d) * alpha**2 / (beta * math.log(1 / beta)))
    return alpha, beta, b_star


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--spectrum", default="fast-exponential")
    ap.add_argument("--kappa", type=float, default=100)
    ap.add_argument("--dim", type=int, default=100)
    ap.add_argument("--rows", type=int, default=100000)
    ap.add_argument("--batch", type=int, required=True)
    ap.add_argument("--iters", type=int, default=100)
    ap.add_argument("--trials", type=int, default=100)
    ap.add_argument("--widen", type=float, default=1000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--instance", help="directory with A.npy, b.npy, x_star.npy (thmcheck simulate --save-instance)")
    ap.add_argument("--alpha", type=float, help="step size (default: the theory's, from the spectrum)")
    ap.add_argument("--beta", type=float, help="momentum (default: the theory's, from the spectrum)")
    a = ap.parse_args()

    rng = np.random.default_rng(a.seed)
    lam = spectrum(a.spectrum, a.dim, a.kappa)
    if a.instance:
        A = np.load(f"{a.instance}/A.npy")
        b = np.load(f"{a.instance}/b.npy")
        x_star = np.load(f"{a.instance}/x_star.npy")
        n, d = A.shape
        if d != len(lam):
            raise SystemExit(f"--instance has d = {d} but --dim is {len(lam)}")
    else:
        n, d = a.rows, a.dim
        U, _ = np.linalg.qr(rng.standard_normal((n, d)))
        V, _ = np.linalg.qr(rng.standard_normal((d, d)))
        A = (U * np.sqrt(lam)) @ V.T
        del U
        x_star = rng.standard_normal(d)
        b = A @ x_star
    alpha, beta, b_star = heavy_ball_parameters(lam, a.widen)
    alpha = a.alpha if a.alpha is not None else alpha
    beta = a.beta if a.beta is not None else beta
    row_norms = np.sum(A * A, axis=1)
    p = row_norms / row_norms.sum()

    B, K = a.batch, a.iters
    curves = np.empty((a.trials, K + 1))
    t0 = time.perf_counter()
    for t in range(a.trials):
        x = np.zeros(d)
        x_prev = x.copy()
        e0 = np.linalg.norm(x - x_star)
        curves[t, 0] = 1.0
        for k in range(1, K + 1):
            idx = rng.choice(n, size=B, p=p)
            Ai = A[idx]
            r = Ai @ x - b[idx]
            g = Ai.T @ (r / p[idx]) / B
            x, x_prev = x - alpha * g + beta * (x - x_prev), x
            curves[t, k] = np.linalg.norm(x - x_star) / e0
    seconds = time.perf_counter() - t0

    print(json.dumps({
        "implementation": "numpy", "numpy": np.__version__, "d": d, "n": n, "kappa": a.kappa,
        "spectrum": a.spectrum, "alpha": alpha, "beta": beta, "B_star": b_star, "batch": B,
        "iterations": K, "trials": a.trials, "seed": a.seed, "seconds": seconds,
        "median": np.quantile(curves, 0.5, axis=0).tolist(),
        "q10": np.quantile(curves, 0.1, axis=0).tolist(),
        "q90": np.quantile(curves, 0.9, axis=0).tolist(),
        "final": curves[:, K].tolist(),
    }))


if __name__ == "__main__":
    main()
