"""citations: find, check and update citations of Japanese statutes in administrative documents."""
__version__ = "0.1.0"
