"""`mapapp serve` stopped by a signal: no server left behind, the port free again."""
from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(os.name != "posix", reason="process groups and these signals are POSIX")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _listening(port: int) -> bool:
    """True while something listens on the port (SO_REUSEADDR: connections in TIME_WAIT do not count)."""
    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return True
    return False


def _group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT, signal.SIGHUP], ids=["TERM", "INT", "HUP"])
def test_a_stop_signal_stops_the_server_and_frees_the_port(tmp_path: Path, signum: int):
    (tmp_path / "a.txt").write_text("Floods closed roads in Leeds and York on Monday.\n", encoding="utf-8")
    port = _free_port()
    mapapp = shutil.which("mapapp", path=str(Path(sys.executable).parent)) or "mapapp"
    # Its own session: everything it starts is in the process group we check afterwards.
    proc = subprocess.Popen([mapapp, "serve", str(tmp_path), "--port", str(port)], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, start_new_session=True)
    try:
        deadline = time.monotonic() + 180
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            assert proc.poll() is None, proc.stderr.read().decode(errors="replace")
            assert time.monotonic() < deadline, "mapapp serve did not come up"
            time.sleep(0.2)
        proc.send_signal(signum)  # to `mapapp serve` alone, as a service manager or `kill PID` does
        proc.wait(timeout=60)
        deadline = time.monotonic() + 10
        while _group_alive(proc.pid) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not _group_alive(proc.pid), "a process of `mapapp serve` outlived it"
        assert not _listening(port), f"port {port} still taken after `mapapp serve` ended"
    finally:
        if _group_alive(proc.pid):
            os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)
        proc.stderr.close()
