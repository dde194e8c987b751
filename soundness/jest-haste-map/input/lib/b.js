require("../a");
