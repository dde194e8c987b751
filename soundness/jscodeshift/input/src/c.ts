const untouched = 2;
