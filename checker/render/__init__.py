"""Renderers of evaluations: terminal table and JSON."""
