namespace CoStor.Web;
