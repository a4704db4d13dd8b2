"""A board whose CPU has Cortex-A57 erratum 834220 (ERRATUM_A57_834220 in
common/include/platform.h; lesson 04 README, section 12): no HPFAR_EL2 is
trusted, and every stage-2 abort's IPA comes from FAR_EL2 through the
guest's stage 1 (AT S1E1R). QEMU models no errata, so the kit's own runs
never take that way for an emulated device. Here a copy of the kit takes
it for every abort (s2fault.c's erratum_834220() made to answer yes, as it
does on such a board: the one file compiled again), and:
  - lesson 05 still passes: its emulated PL011 is reached through AT (once,
    every access on this way was reported as a fault: the guest was
    stopped at its first MMIO access, on a real A57 r0p0-r1p2);
  - lesson 04 differs only where its fault report says where the IPA came
    from: the line naming HPFAR_EL2 names the erratum instead;
  - with `make test-all` (it boots Linux), lesson 08 passes: Linux is the
    one guest whose VAs are not its IPAs (its PL011 mapped high), so only
    it tells an IPA through AT from FAR_EL2 taken as the IPA (lessons 04,
    05 and 07 pass both ways)."""

import os
import re

import pytest

from conftest import boots_linux, edit, grade, seeded_copy

S2FAULT = os.path.join("lessons", "04-stage2", "s2fault.c")
L04, L05 = "04-stage2", "05-trap-and-emulate"


L08 = "08-linux-guest"


def with_the_erratum(tmp_path_factory, lessons):
    """A copy of the kit for lessons, erratum_834220() answering yes."""
    tree = seeded_copy(tmp_path_factory.mktemp("erratum") / "kit", lessons)
    edit(tree, S2FAULT, "\tif (!ERRATUM_A57_834220)\n\t\treturn false;\n", "")
    return tree


@pytest.fixture(scope="module")
def verdicts(tmp_path_factory):
    """{lesson: (status, why)} of lessons 04 and 05 with the erratum's way
    taken, each booted once (the poison boot does not see this way)."""
    return grade(with_the_erratum(tmp_path_factory, [L04, L05]), [L04, L05],
                 "--no-poison")


def test_an_emulated_device_is_reached_through_at(verdicts):
    status, why = verdicts[L05]
    assert status == "PASS", "with erratum 834220's way, lesson 05: %s\n%s" \
        % (status, why)


def test_the_fault_report_names_the_erratum(verdicts):
    status, why = verdicts[L04]
    assert status == "FAIL", status
    assert "differs from expected/04-stage2.txt" in why.splitlines()[0], why
    # the diff's lines of expected/ alone (-) and of the run alone (+)
    removed = re.findall(r"^[ >]*\d+ {7}-(.*)$", why, re.M)
    added = re.findall(r"^[ >]*\d+ \+(.*)$", why, re.M)
    assert [l.strip() for l in removed] == [
        "HPFAR_EL2 = 0x0000000000480000: IPA[51:12], so the IPA is 0x48000000"], why
    assert [l.strip() for l in added] == [
        "HPFAR_EL2 is not valid on this CPU (erratum 834220): the IPA is "
        "FAR_EL2 through the guest's stage 1 (AT S1E1R)"], why


@boots_linux
def test_linux_reaches_its_devices_through_at(tmp_path_factory):
    status, why = grade(with_the_erratum(tmp_path_factory, [L08]), [L08],
                        "--no-poison")[L08]
    assert status == "PASS", "with erratum 834220's way, lesson 08: %s\n%s" \
        % (status, why)
