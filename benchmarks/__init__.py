"""`make bench`: build cost of the reports and scale of loading and assessment."""
