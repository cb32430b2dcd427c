"""Stage 4, the reports: parameters and jobs checked before any kernel starts, papermill runs,
HTML and PDF conversion (PDF engines registered by name), manifests, the index and the atomic
publish under reports/ with its lock.
"""
