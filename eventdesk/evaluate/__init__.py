"""Scoring eventdesk on labeled public data (one module per task; ``harness`` runs them)."""
