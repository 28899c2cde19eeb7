#!/usr/bin/env python3
"""The numpy peer of CosmoStatsBenchmark: the power spectrum of N^3 uniform particles on an M^3 mesh,
CIC (node convention x = i*H, as the Java code), window deconvolved, shot noise subtracted, bins of
width k_F from k_F/2 up to Nyquist. Prints one markdown row with the median timings.

usage: python3 tests/scripts/pk_numpy.py N M BOX REPEATS
"""
import sys
import time

import numpy as np


def paint_cic(pos, n, box):
    u = pos * (n / box)
    i0 = np.floor(u).astype(np.int64)
    d = (u - i0).astype(np.float64)
    i0 %= n
    i1 = (i0 + 1) % n
    grid = np.zeros(n * n * n, dtype=np.float64)
    for ax in (0, 1):
        ix = i0[:, 0] if ax == 0 else i1[:, 0]
        wx = 1 - d[:, 0] if ax == 0 else d[:, 0]
        for ay in (0, 1):
            iy = i0[:, 1] if ay == 0 else i1[:, 1]
            wy = 1 - d[:, 1] if ay == 0 else d[:, 1]
            for az in (0, 1):
                iz = i0[:, 2] if az == 0 else i1[:, 2]
                wz = 1 - d[:, 2] if az == 0 else d[:, 2]
                grid += np.bincount((ix * n + iy) * n + iz, weights=wx * wy * wz, minlength=n ** 3)
    return grid.reshape(n, n, n).astype(np.float32)


def power(pos, n, box):
    t0 = time.perf_counter()
    g = paint_cic(pos, n, box)
    g = g / g.mean() - 1
    t1 = time.perf_counter()
    dk = np.fft.rfftn(g)
    t2 = time.perf_counter()
    kf = 2 * np.pi / box
    f = np.fft.fftfreq(n, 1.0 / n)
    fz = np.arange(n // 2 + 1)
    kx = f[:, None, None] * kf
    ky = f[None, :, None] * kf
    kz = fz[None, None, :] * kf
    h = box / n

    def sinc(x):
        return np.sinc(x / np.pi)

    w = (sinc(kx * h / 2) * sinc(ky * h / 2) * sinc(kz * h / 2)) ** 2
    p = (np.abs(dk) ** 2) / w ** 2
    k = np.sqrt(kx ** 2 + ky ** 2 + kz ** 2)
    mult = np.where((fz == 0) | (fz == n // 2), 1.0, 2.0)[None, None, :] * np.ones_like(k)
    nbins = int(np.floor((np.pi * n / box - kf / 2) / kf + 1e-9))
    b = np.floor((k - kf / 2) / kf).astype(np.int64)
    ok = (k > 0) & (b >= 0) & (b < nbins)
    modes = np.bincount(b[ok], weights=mult[ok], minlength=nbins)
    ksum = np.bincount(b[ok], weights=(mult * k)[ok], minlength=nbins)
    psum = np.bincount(b[ok], weights=(mult * p)[ok], minlength=nbins)
    shot = box ** 3 / len(pos)
    pk = psum / np.maximum(modes, 1) * box ** 3 / float(n ** 3) ** 2 - shot
    t3 = time.perf_counter()
    return (t3 - t0, t1 - t0, t2 - t1, t3 - t2), ksum / np.maximum(modes, 1), pk


def main():
    npart, n, box, repeats = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4])
    rng = np.random.default_rng(1)
    pos = (rng.random((npart ** 3, 3)) * box).astype(np.float32)
    power(pos, n, box)  # warm-up
    times = np.array([power(pos, n, box)[0] for _ in range(repeats)])
    med = np.median(times, axis=0)
    print("| numpy %s power spectrum %d³ particles, %d³ mesh, CIC | total %.2f s | paint %.2f s | FFT %.2f s | deconvolve+bin %.2f s |"
          % (np.__version__, npart, n, med[0], med[1], med[2], med[3]))


if __name__ == "__main__":
    main()
