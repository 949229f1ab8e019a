"""The casework command: subcommands load only their own module."""

import subprocess
import sys

from casework import cli


def test_help_lists_every_command(capsys):
    try:
        cli.main(["--help"])
    except SystemExit as exc:
        assert exc.code == 0
    out = capsys.readouterr().out
    for name in cli.COMMANDS:
        assert name in out


def test_the_command_name_skips_the_home_option_value():
    assert cli._command_name(["--home", "/tmp/x", "hub", "serve"]) == "hub"
    assert cli._command_name(["--home", "/tmp/x"]) is None


def test_help_of_the_whole_command_does_not_load_the_hub_or_qt():
    code = (
        "import sys, contextlib, io\n"
        "from casework import cli\n"
        "with contextlib.suppress(SystemExit), contextlib.redirect_stdout(io.StringIO()):\n"
        "    cli.main(['--help'])\n"
        "print(any(m.startswith(('fastapi', 'PySide6')) for m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
