"""Privacy: the scrubber that anonymises free text before it is stored (patterns, contacts,
names, places, the named-entity models), and the pseudonyms that replace chat ids."""
