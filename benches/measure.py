"""What the benchmark scripts of this folder measure of a process: wall time, CPU time and the
peaks of its anonymous memory (RssAnon) and of its resident set (VmRSS).

RssAnon is the memory a process allocated; VmRSS adds the pages of files it maps, such as
tantivy's index segments, which the kernel may drop and read again at will. The peaks are
sampled from /proc/PID/status every 20 ms. Python 3 stdlib only.
"""
import os
import resource
import subprocess
import sys
import threading
import time
from dataclasses import dataclass


@dataclass
class Measured:
    wall_s: float
    cpu_s: float
    anon_mb: float
    rss_mb: float
    stdout: str
    stderr: str

    def last_line(self):
        """The last line of the process's stderr (newsdex's summary)."""
        lines = self.stderr.strip().splitlines()
        return lines[-1] if lines else ""


def status_kb(pid, *keys):
    """The values in kB of `keys` (`RssAnon`, `VmRSS`) in /proc/PID/status; 0 when gone."""
    found = dict.fromkeys(keys, 0)
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                name, _, rest = line.partition(":")
                if name in found:
                    found[name] = int(rest.split()[0])
    except (OSError, ValueError, IndexError):
        pass
    return [found[k] for k in keys]


def run(cmd, env=None, check=True):
    """Run `cmd` to its end, sampling its memory; exits the script when it fails (`check`)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    )
    peaks = [0, 0]

    def sample():
        while proc.poll() is None:
            anon, rss = status_kb(proc.pid, "RssAnon", "VmRSS")
            peaks[0], peaks[1] = max(peaks[0], anon), max(peaks[1], rss)
            time.sleep(0.02)

    sampler = threading.Thread(target=sample)
    sampler.start()
    out, err = proc.communicate()
    wall = time.perf_counter() - start
    sampler.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if check and proc.returncode != 0:
        sys.exit(f"failed ({proc.returncode}): {' '.join(cmd)}\n{err}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Measured(wall, cpu, peaks[0] / 1024, peaks[1] / 1024, out, err)


def median(values):
    values = sorted(values)
    if not values:
        return float("nan")
    mid = len(values) // 2
    return values[mid] if len(values) % 2 else (values[mid - 1] + values[mid]) / 2


def repo():
    """The repository this folder belongs to."""
    return os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
