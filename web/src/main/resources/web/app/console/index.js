// The console area registers its routes and messages here.
