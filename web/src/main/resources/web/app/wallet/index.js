// The wallet area registers its routes and messages here.
