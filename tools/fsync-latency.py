#!/usr/bin/env python3
"""How long this disk takes to make 8 kB durable: appends 8 kB and fdatasync()s every 5 ms, as a database's
commits do, and prints every flush over 20 ms with the time it happened, then p50/p99/p99.9/max.
--background MB/s adds a buffered writer (no fsync) in a second file, as a database's table files are
written. No PostgreSQL and no Java involved: it tells what the disk alone gives (docs/performance.md)."""
import argparse, os, threading, time

ap = argparse.ArgumentParser(description=__doc__)
ap.add_argument("--seconds", type=float, default=90)
ap.add_argument("--background", type=float, default=0, metavar="MB/s")
ap.add_argument("--dir", default="/tmp")
a = ap.parse_args()

def background(path, rate, stop):
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    chunk, n, t0 = os.urandom(65536), 0, time.time()
    while not stop.is_set():
        os.write(fd, chunk)
        n += 1
        ahead = n * 65536 / (rate * 1e6) - (time.time() - t0)
        if ahead > 0: time.sleep(ahead)
    os.close(fd)
    os.unlink(path)

stop = threading.Event()
if a.background > 0:
    threading.Thread(target=background, args=(os.path.join(a.dir, "fsync-latency.bg"), a.background, stop)).start()
path = os.path.join(a.dir, "fsync-latency.wal")
fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
page, took, t0 = b"x" * 8192, [], time.time()
try:
    while time.time() - t0 < a.seconds:
        start = time.perf_counter()
        os.write(fd, page)
        os.fdatasync(fd)
        ms = (time.perf_counter() - start) * 1000
        took.append(ms)
        if ms > 20: print(f"{time.strftime('%H:%M:%S')} (+{time.time() - t0:5.1f} s) fdatasync took {ms:6.1f} ms", flush=True)
        time.sleep(0.005)
finally:
    stop.set()
    os.close(fd)
    os.unlink(path)
took.sort()
n = len(took)
print(f"{n} flushes: p50 {took[n // 2]:.2f} ms, p99 {took[int(n * .99)]:.2f} ms, p99.9 {took[int(n * .999)]:.2f} ms, max {took[-1]:.1f} ms")
