// The merchant area registers its routes and messages here.
