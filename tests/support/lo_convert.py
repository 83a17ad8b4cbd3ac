#!/usr/bin/python3
"""Converts spreadsheets with the one LibreOffice listener of a test run (see libreoffice.ts).

    /usr/bin/python3 lo_convert.py RUN_DIR FORMAT OUT_DIR INPUT...

RUN_DIR is the test run's LibreOffice folder (its profile, lock, pid and log). FORMAT is `xlsx`
(recalculated copy) or `pdf`. Every INPUT is loaded (every formula recalculated: the profile says so),
saved into OUT_DIR under its own name with the new extension, and closed; one output path is printed
per line.

The first call of a run starts `soffice --headless --accept=pipe,...` (detached: it outlives this
script; the run's teardown stops it through RUN_DIR/soffice.pid) and every later call connects to it.
An exclusive lock on RUN_DIR/lock serialises starting and converting, so test files running in
parallel workers queue instead of sharing a document or starting a second office. Needs Debian's
python3-uno (the `uno` module of the installed LibreOffice).
"""

import fcntl
import hashlib
import os
import subprocess
import sys
import time

import uno  # noqa: E402  (Debian's python3-uno)
from com.sun.star.beans import PropertyValue  # type: ignore  # noqa: E402
from com.sun.star.connection import NoConnectException  # type: ignore  # noqa: E402

FILTERS = {"xlsx": "Calc MS Excel 2007 XML", "pdf": "calc_pdf_Export"}
START_TIMEOUT_S = float(os.environ.get("CTG_LO_START_TIMEOUT", "180"))


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def profile(run_dir):
    """A profile that recalculates every formula on load (LibreOffice keeps cached values otherwise)."""
    user = os.path.join(run_dir, "profile", "user")
    xcu = os.path.join(user, "registrymodifications.xcu")
    if not os.path.exists(xcu):
        os.makedirs(user, exist_ok=True)
        item = (
            '<item oor:path="/org.openoffice.Office.Calc/Formula/Load">'
            '<prop oor:name="{}" oor:op="fuse"><value>0</value></prop></item>'
        )
        with open(xcu, "w", encoding="utf-8") as f:
            f.write(
                '<?xml version="1.0" encoding="UTF-8"?>\n'
                '<oor:items xmlns:oor="http://openoffice.org/2001/registry" '
                'xmlns:xs="http://www.w3.org/2001/XMLSchema" '
                'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n'
                + item.format("OOXMLRecalcMode")
                + "\n"
                + item.format("ODFRecalcMode")
                + "\n</oor:items>\n"
            )
    return uno.systemPathToFileUrl(os.path.join(run_dir, "profile"))


def pipe_name(run_dir):
    return "ctg-lo-" + hashlib.sha1(os.path.realpath(run_dir).encode()).hexdigest()[:16]


def connect(resolver, pipe):
    ctx = resolver.resolve(
        "uno:pipe,name={};urp;StarOffice.ComponentContext".format(pipe)
    )
    smgr = ctx.ServiceManager
    return smgr.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)


def alive(pid_file):
    """The pid of the run's listener if it is still running (a zombie is not), else None."""
    try:
        with open(pid_file, encoding="ascii") as f:
            pid = int(f.read().strip())
        with open("/proc/{}/stat".format(pid), encoding="ascii") as f:
            state = f.read().rsplit(")", 1)[1].split()[0]
        return None if state in ("Z", "X") else pid
    except (OSError, ValueError, IndexError):
        return None


def start(run_dir, soffice, pipe):
    log = open(os.path.join(run_dir, "soffice.log"), "ab")
    child = subprocess.Popen(
        [
            soffice,
            "-env:UserInstallation=" + profile(run_dir),
            "--headless",
            "--invisible",
            "--norestore",
            "--nologo",
            "--nodefault",
            "--nolockcheck",
            "--accept=pipe,name={};urp;StarOffice.ComponentContext".format(pipe),
        ],
        stdin=subprocess.DEVNULL,
        stdout=log,
        stderr=log,
        start_new_session=True,  # its own process group: the teardown kills soffice.bin with it
    )
    with open(os.path.join(run_dir, "soffice.pid"), "w", encoding="ascii") as f:
        f.write(str(child.pid))
    return child


def desktop(run_dir, soffice):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local
    )
    pipe = pipe_name(run_dir)
    try:
        return connect(resolver, pipe)
    except NoConnectException:
        pass
    pid_file = os.path.join(run_dir, "soffice.pid")
    child = None  # None: started by an earlier call (maybe still starting up), or not yet
    deadline = time.monotonic() + START_TIMEOUT_S
    while True:
        if child is None and alive(pid_file) is None:
            child = start(run_dir, soffice, pipe)  # none yet, or the last one stopped: a new one
        try:
            return connect(resolver, pipe)
        except NoConnectException:
            if child is not None and child.poll() is not None:
                raise SystemExit(
                    "LibreOffice stopped while starting (exit {}); see {}".format(
                        child.returncode, os.path.join(run_dir, "soffice.log")
                    )
                )
            if time.monotonic() > deadline:
                raise SystemExit(
                    "LibreOffice did not accept connections within {:.0f} s; see {}".format(
                        START_TIMEOUT_S, os.path.join(run_dir, "soffice.log")
                    )
                )
            time.sleep(0.2)


def convert(office, source, out_dir, fmt):
    base = os.path.splitext(os.path.basename(source))[0]
    target = os.path.join(out_dir, base + "." + fmt)
    doc = office.loadComponentFromURL(
        uno.systemPathToFileUrl(os.path.abspath(source)),
        "_blank",
        0,
        (prop("Hidden", True), prop("ReadOnly", False), prop("UpdateDocMode", 0)),
    )
    if doc is None:
        raise SystemExit("LibreOffice could not load " + source)
    try:
        doc.storeToURL(
            uno.systemPathToFileUrl(os.path.abspath(target)),
            (prop("FilterName", FILTERS[fmt]), prop("Overwrite", True)),
        )
    finally:
        doc.close(True)
    return target


def main(argv):
    if len(argv) < 5 or argv[2] not in FILTERS:
        raise SystemExit("usage: lo_convert.py RUN_DIR xlsx|pdf OUT_DIR INPUT...")
    run_dir, fmt, out_dir, inputs = argv[1], argv[2], argv[3], argv[4:]
    soffice = os.environ.get("CTG_SOFFICE", "soffice")
    os.makedirs(run_dir, exist_ok=True)
    os.makedirs(out_dir, exist_ok=True)
    with open(os.path.join(run_dir, "lock"), "w", encoding="ascii") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when this process ends, however it ends
        print("[lo_convert] locked", file=sys.stderr, flush=True)  # libreoffice.ts: now converting
        office = desktop(run_dir, soffice)
        for source in inputs:
            print(convert(office, source, out_dir, fmt), flush=True)


if __name__ == "__main__":
    main(sys.argv)
