"""The exploration notebook runs from top to bottom, so it never rots.

nbclient, nbformat and ipykernel come with the ``test`` extra. The kernel is the
``python3`` kernelspec; jupyter_client starts it with the interpreter running
this test, so the venv's govreport is the one imported.
"""
from __future__ import annotations

from pathlib import Path

import ipykernel  # noqa: F401  (the kernel the notebook runs in)
import nbclient
import nbformat

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"


def test_explore_notebook_runs():
    nb = nbformat.read(NOTEBOOKS / "explore.ipynb", as_version=4)
    client = nbclient.NotebookClient(nb, timeout=300, kernel_name="python3",
                                     resources={"metadata": {"path": str(NOTEBOOKS)}})
    client.execute()
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    assert not [o for o in outputs if o.output_type == "error"]
    text = "".join(o.get("text", "") for o in outputs if o.output_type == "stream")
    assert "round trip ok" in text
    assert "comparable series" in text  # the summary table printed
    assert any("image/png" in o.get("data", {}) for o in outputs), "the attainment plot is not shown"
