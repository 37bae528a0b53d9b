"""Without Chromium or Java the phones' browser tests say how to install it, and skip; in CI
(FACILITATOR_REQUIRE_BROWSER=1) they fail instead, so a missing browser cannot pass unnoticed."""

from __future__ import annotations

import pytest
from web_workshop import REQUIRE, require


def test_a_missing_browser_skips_with_how_to_install_it(monkeypatch):
    monkeypatch.delenv(REQUIRE, raising=False)
    with pytest.raises(pytest.skip.Exception) as skipped:
        require(False, "Chromium (/usr/bin/chromium)", "sudo apt-get install chromium")
    assert (
        str(skipped.value)
        == "Chromium (/usr/bin/chromium) is not installed; install it with: sudo apt-get install chromium"
    )


def test_a_missing_browser_fails_when_it_is_required(monkeypatch):
    monkeypatch.setenv(REQUIRE, "1")
    with pytest.raises(pytest.fail.Exception) as failed:
        require(False, "Java (for the Nu HTML checker)", "sudo apt-get install default-jre-headless")
    assert "sudo apt-get install default-jre-headless" in str(failed.value)
    require(True, "Java (for the Nu HTML checker)", "sudo apt-get install default-jre-headless")  # present: nothing
