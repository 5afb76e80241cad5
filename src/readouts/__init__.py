"""readouts: a verified, evidence-linked record of diplomacy from dated news articles."""

__version__ = "0.1.0"
