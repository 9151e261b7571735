from loalang_player.cli import main

raise SystemExit(main())
