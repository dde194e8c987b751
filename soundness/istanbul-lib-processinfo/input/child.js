console.log('child');
