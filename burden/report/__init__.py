"""The seed report: the analysis (:mod:`burden.report.seed`) and its HTML page (:mod:`burden.report.html`)."""
