import os
import sys

# The command line lives beside this package (cli/): it reads data files, which the package never does.
from cli import main

try:
    sys.exit(main())
except BrokenPipeError:
    # The reader closed the pipe (`... | head`): stop quietly, as other tools do.
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    sys.exit(1)
