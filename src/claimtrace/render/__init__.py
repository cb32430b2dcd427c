"""Stage 4, the reports: parameters and jobs checked before any kernel starts (or, when nothing
changed, the manifests alone), papermill runs on this machine's workers or a Dask cluster's
(executors registered by name), HTML and PDF conversion (PDF engines registered by name),
manifests, the index and the atomic publish under reports/ with its lock.
"""
