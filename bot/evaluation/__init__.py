"""Evaluation harnesses for the matcher and the scrubber: used by the CLI and tests, never by the running bot."""
