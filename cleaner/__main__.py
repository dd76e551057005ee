"""``python -m cleaner`` runs the command line."""

from cleaner.cli import main

if __name__ == "__main__":  # not when a spawned batch worker imports this module
    main()
