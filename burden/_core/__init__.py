"""Shared machinery of every layer: input checks, progress bars (private)."""
