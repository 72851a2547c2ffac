from mapapp.cli import main

main()
