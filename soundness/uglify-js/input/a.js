function greet(name) {
  var text = "hello " + name;
  console.log(text);
}
greet("demo");
