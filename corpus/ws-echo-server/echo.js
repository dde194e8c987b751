'use strict';
const { WebSocketServer, WebSocket } = require('ws');

const wss = new WebSocketServer({ host: '127.0.0.1', port: 0 }, () => {
  const client = new WebSocket(`ws://127.0.0.1:${wss.address().port}`);
  client.on('open', () => client.send('ping'));
  client.on('message', (data) => {
    if (String(data) !== 'echo: ping') throw new Error(`unexpected reply ${data}`);
    client.close();
    wss.close(() => console.log('ok'));
  });
});
wss.on('connection', (socket) => {
  socket.on('message', (data) => socket.send(`echo: ${data}`));
});
