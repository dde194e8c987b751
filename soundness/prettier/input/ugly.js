const a = {b:"c"}
