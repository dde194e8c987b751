console.log(process.version, missing);
