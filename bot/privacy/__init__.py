"""Privacy: the scrubber that anonymises free text before it is stored, and its evaluation."""
