"""``python -m bench`` (``make bench``) runs the core benchmark."""

from bench.core import main

if __name__ == "__main__":
    main()
