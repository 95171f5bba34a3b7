"""Evaluation harnesses for the matcher, the scrubber and the reading of typed answers: used by the CLI and tests, never by the running bot."""
