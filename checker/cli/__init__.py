"""The command-line programs ``check`` and ``checker`` (click commands, one module per subcommand).

Importing this package is how every entry point starts (the ``check`` and ``checker`` console
scripts and ``python -m checker``), before pydantic is imported: it sets pydantic's documented
switch ``PYDANTIC_DISABLE_PLUGINS`` (unless the user set it), so the first model the checker
builds does not search every installed distribution's entry points for pydantic plugins
(``pydantic.plugin._loader.get_plugins``).  No plugin (logfire's, for one) ever applied to the
checker's models; the checker as a library (``checker.decide``, ``checker.read``) is not changed.
"""

import os

os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
