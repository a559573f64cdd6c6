"""Speed and memory benchmarks of the helpers: ``python -m benchmarks`` (``make bench``).

Each ``bench_*`` module has a ``main()`` that prints one plain-text table; the
runner (``__main__``) calls them in turn after describing the machine. Times are
medians of repeated runs after a warm-up run, measured with the garbage
collector paused, so a single slow run (another process waking up) does not
move the figure.
"""
