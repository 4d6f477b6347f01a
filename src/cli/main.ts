console.log('alea: CLI under construction');
